package io.legerible.webapp.member;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in member or librarian as Spring Security keeps it in the (shared) session. */
public final class MemberPrincipal implements UserDetails, CredentialsContainer {

  private static final long serialVersionUID = 1L;

  private final long id;
  private final String username;
  private final boolean librarian;
  private String passwordHash;

  public MemberPrincipal(long id, String username, String passwordHash) {
    this(id, username, passwordHash, false);
  }

  public MemberPrincipal(long id, String username, String passwordHash, boolean librarian) {
    this.id = id;
    this.username = username;
    this.passwordHash = passwordHash;
    this.librarian = librarian;
  }

  /** Whether this account works the desk. */
  public boolean librarian() {
    return librarian;
  }

  /** The member's id in the database. */
  public long id() {
    return id;
  }

  @Override
  public String getUsername() {
    return username;
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of(new SimpleGrantedAuthority(librarian ? "ROLE_LIBRARIAN" : "ROLE_MEMBER"));
  }

  @Override
  public void eraseCredentials() {
    passwordHash = null;
  }
}
