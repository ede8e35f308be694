"""Publishing to a git archive: review copies (``review``), the publish preview
(``preview``), a new archive (``new_archive``) and git publishing (``git``, over
``plan``, ``recovery``, ``commit``, ``push``, ``metadata`` and ``repository``).

Modules are imported directly (``from transcriber.publish.git import publish_meeting``)
so that the CLI loads only what a command needs.
"""
