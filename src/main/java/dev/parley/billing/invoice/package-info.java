/**
 * Invoice arithmetic: exact money in minor units, invoice lines and drafts, proration, tiered overage, coupons and
 * tax. Pure values and calculations, no database and no Spring, so billing cycles and previews compute the same
 * invoice the same way.
 */
package dev.parley.billing.invoice;
