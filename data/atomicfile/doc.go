// Package atomicfile replaces an output file atomically: readers of the
// path see the old content or the new, never a part. Errors name the path
// and unwrap to table.ErrWrite.
package atomicfile
