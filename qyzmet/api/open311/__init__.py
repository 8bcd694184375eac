"""Open311 GeoReport v2 adapter (services list and definitions; requests)."""
