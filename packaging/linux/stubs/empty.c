/* An empty library: Qt Multimedia's FFmpeg plugin lists libQt6Qml among its dependencies but uses nothing
 * from it (only the real Qt Quick did). Built by packaging/build.py under the original soname. */
