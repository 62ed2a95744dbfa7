@NullMarked
package dev.parley.widget.asset.web;

import org.jspecify.annotations.NullMarked;
