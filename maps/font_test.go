package maps

import (
	"encoding/binary"
	"errors"
	"os"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
)

// misalignedCollection wraps a TrueType font in a collection whose tables
// start 2 bytes off a 4-byte boundary, as in wqy-microhei.ttc.
func misalignedCollection(t *testing.T, ttf []byte) []byte {
	t.Helper()
	numTables := int(binary.BigEndian.Uint16(ttf[4:]))
	hdr := 12 + 16*numTables
	const ttcHeader = 16 // "ttcf", version, count 1, one offset
	out := make([]byte, ttcHeader+hdr+2, ttcHeader+hdr+2+len(ttf))
	copy(out, "ttcf")
	binary.BigEndian.PutUint32(out[4:], 0x00010000)
	binary.BigEndian.PutUint32(out[8:], 1)
	binary.BigEndian.PutUint32(out[12:], ttcHeader)
	copy(out[ttcHeader:], ttf[:hdr])
	for i := range numTables {
		rec := out[ttcHeader+12+16*i:]
		o, n := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		out = append(out, ttf[o:o+n]...)
		if len(out)%4 != 2 {
			out = append(out, make([]byte, (6-len(out)%4)%4)...)
		}
	}
	return out
}

func TestParseFontAlignsTables(t *testing.T) {
	ttc := misalignedCollection(t, liberationsansregular.TTF)
	f, err := ParseFont(ttc, "misaligned.ttc")
	if err != nil {
		t.Fatalf("ParseFont: %v", err)
	}
	if !f.Covers("Liberation 123") || f.CJK() || f.Covers("县") {
		t.Errorf("Covers: Latin %v, CJK %v", f.Covers("Liberation 123"), f.CJK())
	}
	if w := f.textWidth("Width", textStyle{size: 10}); w <= 0 {
		t.Errorf("text width %v", w)
	}
	for _, bad := range [][]byte{nil, []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x05"), liberationsansregular.TTF[:100]} {
		if _, err := ParseFont(bad, "bad"); !errors.Is(err, ErrFont) {
			t.Errorf("ParseFont(%d bytes): %v, want ErrFont", len(bad), err)
		}
	}
	if _, err := LoadFont("testdata/no-such-font.ttf"); !errors.Is(err, ErrFont) {
		t.Errorf("LoadFont of a missing file: %v", err)
	}
}

func TestTextWithoutCJK(t *testing.T) {
	f := LatinFonts()
	for _, c := range []struct{ in, want string }{
		{"Plain text 12", "Plain text 12"},
		{"孝绛县", "Xiaojiang Xian"},
		{"明寿县人民医院", "Mingshou Xian Renmin Yiyuan"},
		{"北镇卫生院", "Bei Zhen Weishengyuan"},
		{"西安市", "Xi'an Shi"},
		{"V01村", "V01 Cun"},
		{"县", "Xian"},
		{"ئۈرۈمچی", ""},
	} {
		if got := f.Text(c.in); got != c.want {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := f.Label("ئۈرۈمچی", "F0001"); got != "F0001" {
		t.Errorf("Label falls back to the id: %q", got)
	}
}

// TestSystemCJKFont exercises the CJK font the machine has (Debian:
// fonts-wqy-microhei); without one there is nothing to test here.
func TestSystemCJKFont(t *testing.T) {
	p := FindCJKFont()
	if p == "" && os.Getenv("CI") != "" {
		t.Fatal("no CJK font installed: .ci/run installs fonts-wqy-microhei")
	}
	if p == "" {
		t.Skip("no CJK font installed (apt-get install fonts-wqy-microhei); maps fall back to pinyin")
	}
	f, err := LoadFont(p)
	if err != nil {
		t.Fatal(err)
	}
	if !f.CJK() || f.Text("孝绛县: 15 km") != "孝绛县: 15 km" || f.Source() != p {
		t.Errorf("%s: CJK %v, Text %q", p, f.CJK(), f.Text("孝绛县: 15 km"))
	}
	if d := DefaultFonts(); !d.CJK() {
		t.Errorf("DefaultFonts does not use %s", p)
	}
}
