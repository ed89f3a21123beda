package dev.parley.identity.web;

import jakarta.servlet.http.HttpServletRequest;

import dev.parley.identity.internal.SignIn;

import org.springframework.http.HttpHeaders;

/** The client of a request: its address (as the servlet container resolved it) and user agent. */
final class ClientInfo {

    private ClientInfo() {
    }

    static SignIn.Client of(HttpServletRequest request) {
        return new SignIn.Client(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
    }
}
