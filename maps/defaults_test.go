package maps

import (
	"slices"
	"testing"
)

// TestListsAreFreshCopies changes the slices the exported list functions
// return and checks that the next call returns what it did before.
func TestListsAreFreshCopies(t *testing.T) {
	tests := []struct {
		name  string
		list  func() []string
		first string
	}{
		{"CJKFontPaths", CJKFontPaths, "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"},
		{"BoundaryNameKeys", BoundaryNameKeys, "county"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.list()
			if len(got) < 2 || got[0] != tt.first {
				t.Fatalf("%s() = %q, want a list starting with %q", tt.name, got, tt.first)
			}
			want := slices.Clone(got)
			for i := range got {
				got[i] = "changed"
			}
			if again := tt.list(); !slices.Equal(again, want) {
				t.Errorf("after changing a returned slice %s() = %q, want %q", tt.name, again, want)
			}
		})
	}
	style := StyleJSON()
	want := slices.Clone(style)
	clear(style)
	if again := StyleJSON(); !slices.Equal(again, want) {
		t.Errorf("after changing a returned slice StyleJSON() changed too")
	}
}
