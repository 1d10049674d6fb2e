# instructor_generate(): filled below
