"""Work-experience credit: the WorkExperience application and the follower that feeds it."""
