package dev.parley.support;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Signs a person in through the console's sign-in form, as they would: type the email and password, click. */
public final class ConsoleSignIn {

    private ConsoleSignIn() {
    }

    /** Opens {@code address} (a console page, which shows the form when signed out) and signs in there. */
    public static Page at(Page page, String address, String email, String password) {
        page.navigate(address);
        return fill(page, email, password);
    }

    /** Signs in on the form already on screen. */
    public static Page fill(Page page, String email, String password) {
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        return page;
    }
}
