/* Stand-in for Qt Quick (8 MB, plus Qt Qml and its helpers: 16 MB), linked by Qt Multimedia's FFmpeg plugin.
 *
 * The plugin takes exactly two things from libQt6Quick, both for screen capture of a QML window
 * (QWindowCapture): `qobject_cast<QQuickWindow *>(window)` and `QQuickWindow::grabWindow()`. Companion is
 * a Qt Widgets app and never captures windows, and no QQuickWindow can exist without the real library, so
 * the cast always answers "not a QQuickWindow" (it compares metaobject addresses only) and grabWindow is
 * unreachable. Exported under the Qt_6 version node (qtquick.map). Built by packaging/build.py.
 */
#include <stdlib.h>

/* QQuickWindow::staticMetaObject: a QMetaObject is seven pointers. */
void *_ZN12QQuickWindow16staticMetaObjectE[7];

/* QImage QQuickWindow::grabWindow() */
void _ZN12QQuickWindow10grabWindowEv(void) {
    abort();
}
