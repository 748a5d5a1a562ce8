"""The system's sound outputs, followed: a change of "is there one" is told once."""

from __future__ import annotations

from PySide6.QtMultimedia import QMediaDevices

from companion.playback.engine import Engine
from companion.playback.sound_output import SoundOutput


def test_a_change_of_having_a_sound_output_is_told_once(qtbot):
    engine = Engine()
    output = SoundOutput(engine)
    there = bool(QMediaDevices.audioOutputs())
    assert output.hearing is there
    told: list[bool] = []
    output.changed.connect(told.append)
    output._outputs_changed()  # what the devices' signal calls: nothing changed, nothing told
    assert told == []
    output.hearing = not there  # as if the outputs had been the other way until now
    output._outputs_changed()
    assert told == [there] and output.hearing is there
    engine.release()
