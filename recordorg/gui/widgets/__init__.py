"""Small widgets any part of the window uses."""
