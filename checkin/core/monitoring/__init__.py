"""What coordinators watch during the day: occupancy, arrivals, and a store's overview."""
