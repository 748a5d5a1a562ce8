; Inno Setup script for Companion on Windows (UNTESTED here: there is no Windows machine in CI).
;
;   python packaging\build.py              (makes dist\companion\ with Companion.exe and companion-cli.exe)
;   iscc packaging\windows\companion.iss   (Inno Setup 6; makes dist\Companion-<version>-setup.exe)
;
; Per-user install by default (no administrator rights needed), Start-menu entry, optional
; desktop icon, and an uninstaller in "Apps & features". The user's library and settings
; (%LOCALAPPDATA%\Companion) are kept on uninstall.

#define AppName "Companion"
#define AppVersion "0.1.0"
#define AppId "io.github.companion.Companion"
#define DistDir "..\..\dist\companion"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The Companion developers
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=Companion-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\companion.ico
UninstallDisplayIcon={app}\Companion.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\Companion.exe"; AppUserModelID: "{#AppId}"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\Companion.exe"; AppUserModelID: "{#AppId}"; Tasks: desktopicon

[Run]
Filename: "{app}\Companion.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
