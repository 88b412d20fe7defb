package io.legerible.webapp.member;

/** What an account may do: a member loans books; a librarian also works the desk. */
public enum Role {
  MEMBER,
  LIBRARIAN
}
