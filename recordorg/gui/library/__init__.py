"""The library tab: sidebar, records as grid or table, search results, details."""
