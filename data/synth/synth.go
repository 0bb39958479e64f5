package synth

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// SynthOptions configures Synth.
type SynthOptions struct {
	// Counties is the number of counties to generate, 0 to MaxSynthCounties().
	// Use SynthCountiesFor to size by villages instead.
	Counties int
	// Seed selects the pseudo-random stream. Equal options give identical
	// output on every run and platform.
	Seed uint64
}

// ErrSynthOptions is returned (wrapped) by SynthOptions.Validate.
var ErrSynthOptions = errors.New("data: invalid synthetic-data options")

// SynthMeanVillagesPerCounty is the expected number of villages in a
// synthetic county (12 townships of 23 villages on average).
const SynthMeanVillagesPerCounty = 276

// MaxSynthCounties returns the largest Counties Synth accepts: the number
// of county cells that fit, with room for each county's outlying villages,
// in China's extent (lon 73–135, lat 18–53).
func MaxSynthCounties() int { return len(synthCells) }

// SynthCountiesFor returns the number of counties that gives about villages
// villages (within a fraction of a percent for large counts, since
// township and village counts are random). It may exceed MaxSynthCounties.
func SynthCountiesFor(villages int) int {
	if villages <= 0 {
		return 0
	}
	return (villages + SynthMeanVillagesPerCounty - 1) / SynthMeanVillagesPerCounty
}

// Validate reports whether Synth accepts o, with an error wrapping
// ErrSynthOptions if not.
func (o SynthOptions) Validate() error {
	if o.Counties < 0 || o.Counties > len(synthCells) {
		return fmt.Errorf("%w: %d counties, want 0 to %d", ErrSynthOptions, o.Counties, len(synthCells))
	}
	return nil
}

// Synth generates a reproducible synthetic rural province shaped like the
// rural health network of a northern Chinese province, for demonstrations,
// tests and benchmarks:
//
//   - counties fill a compact block of ~48 km × 50 km cells starting around
//     Shanxi (lon 112, lat 37.5) and growing outward, so 3,600 counties
//     (about 1,000,000 villages) still lie inside China's extent;
//   - each county has 10–14 townships (乡镇): the county-seat town 城关镇 at
//     the seat, most others 7–18 km out and at least one 24–40 km out, the
//     kind of township the sub-centre rules (policy digest R2) look for;
//   - each township has 14–32 administrative villages 2–8 km from its seat,
//     one village at the seat itself and about 6% remote villages 15–22 km
//     out, pointing away from the county seat, so coverage within 10–20 km
//     is high but not complete;
//   - populations are log-normal around a median of about 600, with ~15%
//     under 200, over 40% under 500 and a few over 3,000, like rural
//     China's resident (常住) populations;
//   - the county seat has 1–2 county hospitals (人民医院, and often a 中医医院)
//     of 300–900 beds; every township has a health centre (卫生院) at its
//     seat with 10–80 beds and 10–90 staff, scaled by its population; about
//     55% of villages have a village clinic (卫生室, no beds, 1–3 staff),
//     most villages of 500 or more people and few small ones, and never the
//     village at the township seat, which the health centre serves (R6).
//
// The result has about 276 villages and 166 facilities per county, in
// county, township, village order; IDs are "V000001"… and "F000001"…, and
// names are Chinese (王家庄村, 石沟村; counties "…县", unique; townships
// "…镇"/"…乡", unique within a county). Coordinates are WGS84 degrees
// rounded to 6 decimals (about 0.1 m), like published survey tables, so
// they survive a round trip through text unchanged. Offsets within a county
// are laid out on a local flat approximation and so are nominal to within
// about 1%; measure distances with package geo, not from these figures.
//
// County k depends only on Seed and k, so the output for n counties is a
// prefix of the output for more. Options that fail Validate are an error
// wrapping ErrSynthOptions, and nothing is generated.
func Synth(opt SynthOptions) ([]planner.Village, []planner.Facility, error) {
	if err := opt.Validate(); err != nil {
		return nil, nil, err
	}
	g := synthGen{
		villages:   make([]planner.Village, 0, opt.Counties*(SynthMeanVillagesPerCounty+16)),
		facilities: make([]planner.Facility, 0, opt.Counties*180),
	}
	names := rand.New(rand.NewPCG(opt.Seed, synthNameStream))
	usedCounty := make(map[string]bool, opt.Counties)
	for k := range opt.Counties {
		county := synthUniqueName(names, usedCounty, "县")
		g.r = rand.New(rand.NewPCG(opt.Seed, uint64(k)))
		g.county(county, synthCells[k])
	}
	return g.villages, g.facilities, nil
}

// synthNameStream is the PCG stream for county names, distinct from the
// per-county streams 0…MaxSynthCounties-1.
const synthNameStream = math.MaxUint64

// Synthetic layout. Cells are synthCellLatDeg × synthCellLonDeg; the
// farthest a generated point can be from its cell centre is synthReachM,
// which keeps every point inside synthExtent.
const (
	synthCellLatDeg = 0.45
	synthCellLonDeg = 0.55
	synthOriginLon  = 112.0
	synthOriginLat  = 37.5
	synthReachM     = 5e3 + 40e3 + 22e3 + 1e3 // seat jitter + township + remote village + clinic
	synthMPerDegLat = 111_000.0               // nominal; WGS84 gives 110.6–111.3 km over 18–53°N
)

// synthExtent is China's extent, which every generated point lies in.
var synthExtent = orb.Bound{Min: orb.Point{73, 18}, Max: orb.Point{135, 53}}

// synthCells are the county cell centres, nearest the origin first.
var synthCells = func() []orb.Point {
	type cell struct {
		row, col int
		c        orb.Point
	}
	var cells []cell
	rowLo := int(math.Floor((synthExtent.Min[1] - synthOriginLat) / synthCellLatDeg))
	rowHi := int(math.Ceil((synthExtent.Max[1] - synthOriginLat) / synthCellLatDeg))
	colLo := int(math.Floor((synthExtent.Min[0] - synthOriginLon) / synthCellLonDeg))
	colHi := int(math.Ceil((synthExtent.Max[0] - synthOriginLon) / synthCellLonDeg))
	for row := rowLo; row <= rowHi; row++ {
		for col := colLo; col <= colHi; col++ {
			c := orb.Point{
				synthRound6(synthOriginLon + float64(float64(col)*synthCellLonDeg)),
				synthRound6(synthOriginLat + float64(float64(row)*synthCellLatDeg)),
			}
			dLat := synthReachM / synthMPerDegLat * 1.02
			dLon := dLat / math.Cos((math.Abs(c[1])+dLat)*math.Pi/180)
			if c[0]-dLon < synthExtent.Min[0] || c[0]+dLon > synthExtent.Max[0] ||
				c[1]-dLat < synthExtent.Min[1] || c[1]+dLat > synthExtent.Max[1] {
				continue
			}
			cells = append(cells, cell{row, col, c})
		}
	}
	// Order by squared distance in cell units (a square-ish spiral), then
	// by row and column, so that county blocks grow compactly.
	slices.SortFunc(cells, func(a, b cell) int {
		da, db := a.row*a.row+a.col*a.col, b.row*b.row+b.col*b.col
		if da != db {
			return da - db
		}
		if a.row != b.row {
			return a.row - b.row
		}
		return a.col - b.col
	})
	out := make([]orb.Point, len(cells))
	for i, c := range cells {
		out[i] = c.c
	}
	return out
}()

// synthGen accumulates the output.
type synthGen struct {
	r          *rand.Rand
	villages   []planner.Village
	facilities []planner.Facility
	seen       []string // names already used in the current township or county
}

// synthPlace is a point with the cosine of its latitude, for local offsets.
type synthPlace struct {
	p      orb.Point
	cosLat float64
}

func synthAt(p orb.Point) synthPlace {
	return synthPlace{p, math.Cos(p[1] * math.Pi / 180)}
}

// offset returns the point distM metres from pl at azimuth aziRad, on a
// local flat approximation, rounded to 6 decimals.
func (pl synthPlace) offset(distM, aziRad float64) orb.Point {
	s, c := math.Sincos(aziRad)
	dLat := float64(distM*c) / synthMPerDegLat
	dLon := float64(distM*s) / float64(synthMPerDegLat*pl.cosLat)
	return orb.Point{synthRound6(pl.p[0] + dLon), synthRound6(pl.p[1] + dLat)}
}

// synthRound6 rounds to 6 decimals; the result is the float64 nearest a
// 6-decimal number, which strconv prints back as exactly that number.
func synthRound6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// uniform returns a uniform float in [lo, hi). The explicit conversion
// (here and in offset) forbids fused multiply-add, which some architectures
// would otherwise use, so output is identical on every platform.
func (g *synthGen) uniform(lo, hi float64) float64 { return lo + float64((hi-lo)*g.r.Float64()) }

func (g *synthGen) angle() float64 { return 2 * math.Pi * g.r.Float64() }

// county generates one county around cell centre cell.
func (g *synthGen) county(name string, cell orb.Point) {
	r := g.r
	seat := synthAt(synthAt(cell).offset(g.uniform(0, 5e3), g.angle()))

	nTown := 10 + r.IntN(5)
	g.seen = g.seen[:0]
	townNames := make([]string, nTown)
	townNames[0] = "城关镇"
	g.seen = append(g.seen, "城关镇")
	for t := 1; t < nTown; t++ {
		suffix := "镇"
		if r.IntN(5) < 2 {
			suffix = "乡"
		}
		townNames[t] = g.uniqueLocal(func() string { return synthPair(r) + suffix })
	}

	// County hospitals at the seat.
	nHosp := 1 + r.IntN(2)
	for h := range nHosp {
		hname, beds := name+"人民医院", 400+r.IntN(501)
		if h == 1 {
			hname, beds = name+"中医医院", 300+r.IntN(301)
		}
		g.facility(planner.Facility{
			Name: hname, Type: planner.CountyHospital, County: name, Township: townNames[0],
			Location: seat.offset(g.uniform(300, 2500), g.angle()),
			Beds:     beds, Staff: int(math.Round(float64(beds) * g.uniform(1.2, 1.7))),
		})
	}

	base := g.angle()
	far := 1 + r.IntN(nTown-1)
	for t := range nTown {
		townSeat, outward := seat, g.angle()
		if t > 0 {
			outward = base + 2*math.Pi*float64(t-1)/float64(nTown-1) + g.uniform(-0.25, 0.25)
			d := g.uniform(7e3, 18e3)
			if t == far || r.IntN(100) < 12 {
				d = g.uniform(24e3, 40e3)
			}
			townSeat = synthAt(seat.offset(d, outward))
		}
		g.township(name, townNames[t], townSeat, outward)
	}
}

// township generates one township's villages, health centre and clinics.
// outward is the azimuth (radians) pointing away from the county seat.
func (g *synthGen) township(county, town string, seat synthPlace, outward float64) {
	r := g.r
	nVil := 14 + r.IntN(19)
	first := len(g.villages)
	g.seen = g.seen[:0]
	var pop int64
	for v := range nVil {
		var loc orb.Point
		remote := false
		switch {
		case v == 0: // the village at the township seat
			loc = seat.offset(g.uniform(0, 800), g.angle())
		case r.IntN(100) < 6:
			remote = true
			loc = seat.offset(g.uniform(15e3, 22e3), outward+g.uniform(-1, 1))
		default: // uniform by area over the 2–8 km annulus
			loc = seat.offset(1e3*math.Sqrt(4+float64(60*r.Float64())), g.angle())
		}
		p := 600 * math.Exp(1.06*r.NormFloat64())
		switch {
		case v == 0:
			p *= 1.8
		case remote:
			p *= 0.7
		}
		n := min(max(int(math.Round(p)), 20), 15000)
		pop += int64(n)
		g.villages = append(g.villages, planner.Village{
			ID:         synthID('V', len(g.villages)+1),
			Name:       g.uniqueLocal(func() string { return synthVillageName(r) }),
			County:     county,
			Township:   town,
			Population: n,
			Location:   loc,
		})
	}

	beds := min(max(int(math.Round(float64(pop)*g.uniform(0.8, 1.6)/1000)), 10), 80)
	g.facility(planner.Facility{
		Name: town + "卫生院", Type: planner.TownshipHealthCentre, County: county, Township: town,
		Location: seat.offset(g.uniform(0, 500), g.angle()),
		Beds:     beds, Staff: min(max(int(math.Round(float64(beds)*g.uniform(0.9, 1.4)))+5, 10), 90),
	})

	for i := first + 1; i < len(g.villages); i++ { // never the seat village
		v := &g.villages[i]
		if r.Float64() >= synthClinicProb(v.Population) {
			continue
		}
		staff := 1 + r.IntN(2)
		if v.Population >= 1500 {
			staff = 2 + r.IntN(2)
		}
		g.facility(planner.Facility{
			Name: v.Name + "卫生室", Type: planner.VillageClinic, County: county, Township: town,
			Location: synthAt(v.Location).offset(g.uniform(0, 300), g.angle()),
			Beds:     0, Staff: staff,
		})
	}
}

// synthClinicProb is the chance that a village of pop people has its own
// clinic: most at or above 500 (R8) and nearly all at 800 (R9), few below.
func synthClinicProb(pop int) float64 {
	switch {
	case pop >= 800:
		return 0.94
	case pop >= 500:
		return 0.78
	case pop >= 200:
		return 0.24
	}
	return 0.06
}

func (g *synthGen) facility(f planner.Facility) {
	f.ID = synthID('F', len(g.facilities)+1)
	g.facilities = append(g.facilities, f)
}

// uniqueLocal draws names from gen until one is not in g.seen (a township's
// villages or a county's townships), then records it. After a few clashes
// it numbers the name instead, so it always terminates.
func (g *synthGen) uniqueLocal(gen func() string) string {
	var s string
	for try := 0; ; try++ {
		s = gen()
		if try >= 8 {
			s += strconv.Itoa(try)
		}
		if !slices.Contains(g.seen, s) {
			break
		}
	}
	g.seen = append(g.seen, s)
	return s
}

// synthUniqueName draws a two-character name plus suffix not yet in used,
// falling back to three characters once pairs run short.
func synthUniqueName(r *rand.Rand, used map[string]bool, suffix string) string {
	for try := 0; ; try++ {
		s := synthPair(r)
		if try >= 20 {
			s += string(synthChars[r.IntN(len(synthChars))])
		}
		s += suffix
		if !used[s] {
			used[s] = true
			return s
		}
	}
}

// synthID formats prefix and n as "V000123", widening past 6 digits.
func synthID(prefix byte, n int) string {
	var b [24]byte
	out := append(b[:0], prefix)
	digits := strconv.AppendInt(b[12:12], int64(n), 10)
	for range 6 - len(digits) {
		out = append(out, '0')
	}
	return string(append(out, digits...))
}

// synthChars are characters common in county and township names.
var synthChars = []rune(synthDedupe("安宁平阳山河泉源清石林云华兴隆昌丰定武文寿长永和新高乐临汾沁襄陵原曲沃绛翼浮灵丘岚兰静交孝介祁榆代繁峙台忻保偏神池岢泽壶黎潞屯留垣芮夏稷闻喜吉蒲隰洪洞霍古阜宜康泰顺通远广德化昭明福庆嘉益怀柔密延阿东西南北太白龙凤鹿岳沙漳汶泗沂淮"))

// Village name parts: 王家庄, 东王庄, 柳树沟, 上石湾.
var (
	synthSurnames  = []rune(synthDedupe("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎潘杜戴夏钟田任姜范方石姚谭邹金陆郝孔白崔康毛邱秦史顾侯邵孟段雷钱汤尹常武乔贺"))
	synthPlaceEnds = []rune(synthDedupe("庄沟峪坪湾堡营寨屯坡岭洼店铺窑口河峁塬垣塔头台园泉滩梁川"))
	synthQualifier = []rune(synthDedupe("东西南北上下前后大小新老中高"))
	synthNature    = []string{"石", "柳树", "杨树", "桃", "杏", "枣", "槐树", "松树", "龙", "凤", "马", "牛", "羊", "白", "红", "黄", "青", "清水", "双", "三", "五", "七", "九", "金", "银", "柏", "榆", "梨", "苇", "泉"}
)

// synthDedupe drops repeated runes, keeping first occurrences, so the lists
// above can be edited freely.
func synthDedupe(s string) string {
	var out []rune
	for _, c := range s {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return string(out)
}

// synthPair returns two different characters from synthChars.
func synthPair(r *rand.Rand) string {
	a := r.IntN(len(synthChars))
	b := r.IntN(len(synthChars) - 1)
	if b >= a {
		b++
	}
	return string([]rune{synthChars[a], synthChars[b]})
}

func synthVillageName(r *rand.Rand) string {
	pick := func(rs []rune) rune { return rs[r.IntN(len(rs))] }
	end := string(pick(synthPlaceEnds))
	switch n := r.IntN(100); {
	case n < 40:
		return string(pick(synthSurnames)) + "家" + end + "村"
	case n < 60:
		return string(pick(synthQualifier)) + string(pick(synthSurnames)) + end + "村"
	case n < 80:
		return synthNature[r.IntN(len(synthNature))] + end + "村"
	default:
		return string(pick(synthQualifier)) + synthNature[r.IntN(len(synthNature))] + end + "村"
	}
}
