-- Which media texts machine translation wrote, PostgreSQL dialect. Keep in step with
-- ../sqlite/0005_media_machine_texts.sql.
--
-- JSON: language tag → the kinds of text ("alt", "caption", "subtitles") that the
-- translation stage wrote in that language, e.g. {"es": ["alt", "caption"]}. A text not listed
-- was written by a person or came with the media, and machine output never replaces it; one
-- listed may be replaced by the next machine run. A path that lets a person write a media
-- text must take that text out of this list. Written with the texts, under the media
-- triggers of 0002.
ALTER TABLE media ADD COLUMN machine_texts TEXT NOT NULL DEFAULT '{}';
