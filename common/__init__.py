"""Portal-wide helpers with no models: file checks, spreadsheet cells, dates, downloads,
percent arithmetic. The lowest layer: it imports no app of the portal."""
