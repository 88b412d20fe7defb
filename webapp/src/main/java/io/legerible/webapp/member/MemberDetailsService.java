package io.legerible.webapp.member;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Looks members up for form login. */
@Service
class MemberDetailsService implements UserDetailsService {

  private final MemberRepository members;

  MemberDetailsService(MemberRepository members) {
    this.members = members;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return members
        .findPrincipal(username)
        .orElseThrow(() -> new UsernameNotFoundException("No member named " + username));
  }
}
