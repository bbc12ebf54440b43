"""HTTP policy that holds for every response, whichever app answers: what caches may keep
(caching), what browsers may run (security) and who may fetch uploaded files (media)."""
