-- Flow (issue 17): where the music really starts and ends, from companion.core.analysis.edges.
-- intro_end: first moment of music (end of leading silence), s; outro_start: start of the fade-out, or of
-- trailing silence when the track does not fade, s; beat_period: 60 / bpm, s; energy_in / energy_out:
-- the 0..1 energy scale of the first and last 15 s of music. Rows of analyser version 1 are re-analysed.
ALTER TABLE audio_features ADD COLUMN beat_period REAL;
ALTER TABLE audio_features ADD COLUMN intro_end REAL;
ALTER TABLE audio_features ADD COLUMN outro_start REAL;
ALTER TABLE audio_features ADD COLUMN energy_in REAL;
ALTER TABLE audio_features ADD COLUMN energy_out REAL;
