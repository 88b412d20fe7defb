-- Librarians sign in like members and work the desk: register members, add books, check loans in.
ALTER TABLE members
    ADD COLUMN role TEXT NOT NULL DEFAULT 'MEMBER' CHECK (role IN ('MEMBER', 'LIBRARIAN'));
