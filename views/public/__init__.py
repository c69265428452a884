"""Pages without login: home, standard, complaints, survey, legal basis; the survey report."""
