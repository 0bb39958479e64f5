package table

import (
	"slices"
	"testing"
)

// TestFieldNames: every field has its canonical name, which is its first
// alias; FieldExtra and values out of range have none.
func TestFieldNames(t *testing.T) {
	want := []string{"id", "name", "county", "township", "population", "lon", "lat", "type", "beds", "staff", "code"}
	for f := range NumFields {
		if got := f.Name(); got != want[f] || readAliases[f][0] != got {
			t.Errorf("Field(%d).Name() = %q, want %q (first alias %q)", f, got, want[f], readAliases[f][0])
		}
	}
	for _, f := range []Field{FieldExtra, NumFields, 99} {
		if got := f.Name(); got != "" {
			t.Errorf("Field(%d).Name() = %q, want \"\"", f, got)
		}
	}
}

// TestSpecsFreshCopies overwrites the Spec each constructor returns and
// checks that the next call still reads the same fields.
func TestSpecsFreshCopies(t *testing.T) {
	tests := []struct {
		name     string
		spec     func() *Spec
		required []Field
		optional []Field
	}{
		{"village", VillageSpec, []Field{FieldID, readFieldName, readFieldCounty, readFieldTownship, FieldPopulation, FieldLon, FieldLat}, []Field{FieldCode}},
		{"facility", FacilitySpec, []Field{FieldID, readFieldName, readFieldType, FieldLon, FieldLat}, []Field{readFieldCounty, readFieldTownship, readFieldBeds, readFieldStaff, FieldCode}},
		{"candidate", CandidateSpec, []Field{FieldID, readFieldCounty, FieldLon, FieldLat}, []Field{readFieldName, readFieldTownship, readFieldType, readFieldBeds, readFieldStaff, FieldCode}},
	}
	check := func(t *testing.T, s *Spec, required, optional []Field) {
		t.Helper()
		for f := range NumFields {
			req, uses := s.Required(f), s.uses(f)
			wantReq, wantUses := slices.Contains(required, f), slices.Contains(required, f) || slices.Contains(optional, f)
			if req != wantReq || uses != wantUses {
				t.Errorf("%s: required %v uses %v, want %v %v", f.Name(), req, uses, wantReq, wantUses)
			}
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.spec()
			check(t, s, tt.required, tt.optional)
			*s = Spec{}
			check(t, tt.spec(), tt.required, tt.optional)
		})
	}
}
