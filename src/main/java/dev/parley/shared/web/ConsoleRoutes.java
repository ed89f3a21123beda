package dev.parley.shared.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Friendly addresses for the console's pages (links printed at start-up and sent in invitations). */
@Configuration(proxyBeanMethods = false)
class ConsoleRoutes implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", "/console/");
        registry.addRedirectViewController("/console", "/console/");
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
        registry.addViewController("/widget.js").setViewName("forward:/widget/widget.js");
        registry.addViewController("/favicon.ico").setViewName("forward:/favicon.svg");
        registry.addViewController("/accept-invitation").setViewName("forward:/console/accept-invitation.html");
    }
}
