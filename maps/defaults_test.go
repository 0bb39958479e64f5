package maps

import (
	"bytes"
	"testing"

	"github.com/catchment/catchment/internal/fresh"
)

// TestListsAreFreshCopies changes the slices CJKFontPaths, BoundaryNameKeys
// and StyleJSON return and checks that the next call is unchanged.
func TestListsAreFreshCopies(t *testing.T) {
	if got := fresh.Slice(t, "CJKFontPaths", CJKFontPaths, "changed"); len(got) < 2 || got[0] != "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc" {
		t.Errorf("CJKFontPaths() = %q", got)
	}
	if got := fresh.Slice(t, "BoundaryNameKeys", BoundaryNameKeys, "changed"); len(got) < 2 || got[0] != "county" {
		t.Errorf("BoundaryNameKeys() = %q", got)
	}
	if got := fresh.Slice(t, "StyleJSON", StyleJSON, 0); !bytes.HasPrefix(bytes.TrimSpace(got), []byte("{")) {
		t.Errorf("StyleJSON() starts %q", got[:min(len(got), 40)])
	}
}
