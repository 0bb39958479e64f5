package maps

import (
	"regexp"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/i18n"
)

func TestWordsCatalogue(t *testing.T) {
	for _, err := range i18n.CheckMsgs(mw) {
		t.Error(err)
	}
	for _, err := range i18n.CheckMsgs([]i18n.Noun{nounVillage, nounPerson, nounHospital, nounCentre, nounClinic, nounFacility,
		nounSite, nounMember, nounDay, nounLine, nounArea, nounLabel}) {
		t.Error(err)
	}
}

// TestMapChinese draws the legend and title in Chinese (Options.Lang):
// every heading and label is Chinese but for units and numbers.
func TestMapChinese(t *testing.T) {
	s := tinyScene()
	m, err := New(s, Options{Lang: i18n.Zh})
	if err != nil {
		t.Fatal(err)
	}
	latin := regexp.MustCompile(`[A-Za-z]{3,}`)
	var texts []string
	for _, sec := range m.legendSections() {
		texts = append(texts, sec.heading)
		for _, e := range sec.entries {
			texts = append(texts, e.label, e.counts)
		}
	}
	for _, x := range texts {
		if w := latin.FindString(x); w != "" {
			t.Errorf("legend text %q keeps %q", x, w)
		}
	}
	if !strings.Contains(strings.Join(texts, "|"), "现状有县级医疗服务覆盖") {
		t.Errorf("legend %q lacks the county-level care class", texts)
	}
	if !m.Transliterated() && (!strings.Contains(m.title, "县级医疗服务覆盖与拟建医疗次中心") || !strings.Contains(m.subtitle, "服务半径10公里")) {
		t.Errorf("title %q, subtitle %q", m.title, m.subtitle)
	}
	en, err := New(tinyScene(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(en.subtitle, "10 km emergency radius") {
		t.Errorf("English subtitle %q", en.subtitle)
	}
}
