/** The public widget: its script, its API for visitors and the tenant's domain allow-list check. */
package dev.parley.widget;
