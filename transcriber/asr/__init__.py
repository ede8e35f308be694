"""The pipeline room: audio in, transcript segments out (model resolution, device choice,
the engine, its guards, and the pipeline that stores segments as bullets)."""
