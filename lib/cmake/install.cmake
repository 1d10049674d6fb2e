# install rules: filled below
