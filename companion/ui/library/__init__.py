"""The library page: sortable, filterable tables of music and video."""
