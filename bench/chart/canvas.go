package main

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"strconv"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"

	"github.com/dokklib/db/bench/load"
)

var (
	white = color.RGBA{0xff, 0xff, 0xff, 0xff}
	black = color.RGBA{0x20, 0x20, 0x20, 0xff}
	gray  = color.RGBA{0x70, 0x70, 0x70, 0xff}
	grid  = color.RGBA{0xe4, 0xe4, 0xe4, 0xff}
)

// The font's size: basicfont.Face7x13.
const (
	charWidth  = 7
	lineHeight = 13
)

// canvas is an image to draw on.
type canvas struct{ img *image.RGBA }

func newCanvas(w, h int) *canvas {
	c := &canvas{image.NewRGBA(image.Rect(0, 0, w, h))}
	c.fill(c.img.Bounds(), white)
	return c
}

// fill paints r with col.
func (c *canvas) fill(r image.Rectangle, col color.Color) {
	draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Src)
}

// text writes s with its baseline's left end at (x, y).
func (c *canvas) text(x, y int, col color.Color, s string) {
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: basicfont.Face7x13, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// centered writes s centred on x.
func (c *canvas) centered(x, y int, col color.Color, s string) {
	c.text(x-len(s)*charWidth/2, y, col, s)
}

// series is one backend's values, one for each operation.
type series struct {
	name   string
	color  color.RGBA
	values []float64
}

// panel is a bar chart of series grouped by operation.
type panel struct {
	title  string
	series []series
}

// The margins of a panel's plot.
const (
	marginLeft   = 70
	marginRight  = 20
	marginTop    = 50
	marginBottom = 40
)

// drawPanel draws p in r: its title and legend, the log scale and the bars.
func (c *canvas) drawPanel(r image.Rectangle, p panel) {
	plot := image.Rect(r.Min.X+marginLeft, r.Min.Y+marginTop, r.Max.X-marginRight, r.Max.Y-marginBottom)
	c.text(r.Min.X+20, r.Min.Y+20, black, p.title)
	c.legend(r.Min.X+20, r.Min.Y+38, p.series)
	lo, hi := decades(p.series)
	y := func(v float64) int {
		f := (math.Log10(v) - lo) / (hi - lo)
		return plot.Max.Y - int(f*float64(plot.Dy()))
	}
	c.scale(plot, lo, hi, y)
	c.bars(plot, p.series, y)
}

// legend writes the series' names by their colours.
func (c *canvas) legend(x, y int, ss []series) {
	for _, s := range ss {
		c.fill(image.Rect(x, y-9, x+10, y+1), s.color)
		c.text(x+14, y, black, s.name)
		x += 14 + len(s.name)*charWidth + 24
	}
}

// decades returns the powers of ten below the smallest positive value and
// above the largest.
func decades(ss []series) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range ss {
		for _, v := range s.values {
			if v > 0 {
				lo, hi = math.Min(lo, math.Log10(v)), math.Max(hi, math.Log10(v))
			}
		}
	}
	if math.IsInf(lo, 1) {
		return 0, 1
	}
	lo, hi = math.Floor(lo), math.Ceil(hi)
	if hi == lo {
		hi++
	}
	return lo, hi
}

// scale draws a grid line and a label at each power of ten, and the axes.
func (c *canvas) scale(plot image.Rectangle, lo, hi float64, y func(float64) int) {
	for e := lo; e <= hi; e++ {
		v := math.Pow(10, e)
		yy := y(v)
		c.fill(image.Rect(plot.Min.X, yy, plot.Max.X, yy+1), grid)
		s := compact(v)
		c.text(plot.Min.X-8-len(s)*charWidth, yy+4, gray, s)
	}
	c.fill(image.Rect(plot.Min.X, plot.Min.Y, plot.Min.X+1, plot.Max.Y), gray)
	c.fill(image.Rect(plot.Min.X, plot.Max.Y, plot.Max.X, plot.Max.Y+1), gray)
}

// bars draws a group of bars for each operation, with their values above
// them and the operation's name below.
func (c *canvas) bars(plot image.Rectangle, ss []series, y func(float64) int) {
	groupWidth := plot.Dx() / len(load.OpNames)
	barWidth := groupWidth * 8 / 10 / max(1, len(ss))
	for i, op := range load.OpNames {
		x0 := plot.Min.X + i*groupWidth + groupWidth/10
		c.centered(plot.Min.X+i*groupWidth+groupWidth/2, plot.Max.Y+20, black, op)
		for j, s := range ss {
			v := s.values[i]
			if v <= 0 {
				continue
			}
			x := x0 + j*barWidth
			top := y(v)
			c.fill(image.Rect(x+1, top, x+barWidth-1, plot.Max.Y), s.color)
			c.centered(x+barWidth/2, top-3, black, compact(v))
		}
	}
}

// compact formats v in at most about five characters: 950, 12k, 1.5M.
func compact(v float64) string {
	switch {
	case v >= 1e6:
		return trim(v/1e6) + "M"
	case v >= 1e3:
		return trim(v/1e3) + "k"
	}
	return trim(v)
}

// trim formats v with one decimal below 10 and none above.
func trim(v float64) string {
	if v < 10 && v != math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}
