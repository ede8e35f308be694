"""Speech recognition: model resolution, device choice, the engine and its guards."""
