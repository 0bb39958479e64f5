// Package i18n is the language of the words catchment writes for people:
// the plan and programme reports, the command tables' headings and the
// static map's title and legend. It holds the language type (Lang: zh or
// en), the default for a policy preset (ForPolicy: Chinese under the
// Chinese regions' presets), messages in both languages (Msg) and counted
// nouns (Noun: "1 county", "4 counties", "4个县").
//
// The catalogues themselves live with the text they belong to (package
// report, package maps), each a table of Msg values that a test checks
// for both languages and matching format verbs (CheckMsgs). Chinese words
// follow the policy documents' own vocabulary (县域医疗次中心, 乡镇卫生院,
// 村卫生室, 联办村卫生室, 巡诊, 常住人口; see planner.Terms).
package i18n
