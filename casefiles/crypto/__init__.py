"""Keys, sealing out of daily use, key rotation and the encrypted packages that leave Oubli."""
