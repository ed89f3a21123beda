/**
 * The shared kernel: errors, ids, tenant context, database access and web conventions every module uses.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.parley.shared;
