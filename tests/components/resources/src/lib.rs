//! `test:resources`: resources defined by the component (`shapes`, `aliases`, the exported
//! `things`) and by the host (`host-types`, the imported `things`), passed both ways: owned
//! and borrowed, alone and inside records, lists, options, results and variants.

wit_bindgen::generate!({ path: "wit", world: "resources" });

use exports::test::resources::{aliases, shapes, things as exported_things};
use shapes::{Labeled, Pair, Point, PointBorrow, Shape};
use std::cell::{Cell, RefCell};
use test::resources::host_types::Counter;
use test::resources::things as imported_things;

struct Component;

thread_local! {
    /// Points alive in the component: a dropped handle runs the destructor.
    static LIVE: Cell<u32> = const { Cell::new(0) };
    /// Counters kept by `keep` until `release-kept`.
    static KEPT: RefCell<Vec<Counter>> = const { RefCell::new(Vec::new()) };
}

struct MyPoint {
    x: f64,
    y: f64,
}

impl MyPoint {
    fn make(x: f64, y: f64) -> Point {
        LIVE.with(|l| l.set(l.get() + 1));
        Point::new(MyPoint { x, y })
    }
}

impl Drop for MyPoint {
    fn drop(&mut self) {
        LIVE.with(|l| l.set(l.get() - 1));
    }
}

impl shapes::GuestPoint for MyPoint {
    fn new(x: f64, y: f64) -> Self {
        LIVE.with(|l| l.set(l.get() + 1));
        MyPoint { x, y }
    }

    fn x(&self) -> f64 {
        self.x
    }

    fn y(&self) -> f64 {
        self.y
    }

    fn scaled(&self, k: f32) -> Point {
        MyPoint::make(self.x * k as f64, self.y * k as f64)
    }

    fn into_inner(p: Point) -> (f64, f64) {
        let p: MyPoint = p.into_inner();
        (p.x, p.y)
    }

    fn distance(a: PointBorrow<'_>, b: PointBorrow<'_>) -> f64 {
        let (a, b) = (a.get::<MyPoint>(), b.get::<MyPoint>());
        ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
    }

    fn live() -> u32 {
        LIVE.with(Cell::get)
    }
}

struct MyPath(RefCell<Vec<Point>>);

impl shapes::GuestPath for MyPath {
    fn new() -> Self {
        MyPath(RefCell::new(Vec::new()))
    }

    fn push(&self, p: Point) {
        self.0.borrow_mut().push(p)
    }

    fn len(&self) -> u32 {
        self.0.borrow().len() as u32
    }

    fn points(&self) -> Vec<Point> {
        self.0.borrow().iter().map(|p| p.get::<MyPoint>()).map(|p| MyPoint::make(p.x, p.y)).collect()
    }

    fn pop(&self) -> Option<Point> {
        self.0.borrow_mut().pop()
    }
}

fn coords(p: &MyPoint) -> String {
    format!("({}, {})", p.x, p.y)
}

impl shapes::Guest for Component {
    type Point = MyPoint;
    type Path = MyPath;

    fn describe(l: Labeled<'_>) -> String {
        format!("{} at {}", l.label, coords(l.at.get()))
    }

    fn swap(p: Pair) -> Pair {
        Pair { first: p.second, second: p.first }
    }

    fn sum_x(ps: Vec<PointBorrow<'_>>) -> f64 {
        ps.iter().map(|p| p.get::<MyPoint>().x).sum()
    }

    fn count(ps: Vec<Point>) -> u32 {
        ps.len() as u32
    }

    fn first(ps: Vec<Point>) -> Result<Point, String> {
        ps.into_iter().next().ok_or_else(|| "no points".to_string())
    }

    fn shape_name(s: Shape) -> String {
        match s {
            Shape::Dot(p) => format!("dot {}", coords(p.get())),
            Shape::Line(pair) => format!("line {} -> {}", coords(pair.first.get()), coords(pair.second.get())),
            Shape::Nothing => "nothing".to_string(),
        }
    }

    fn maybe_point(make: bool) -> Option<Point> {
        make.then(|| MyPoint::make(1.5, -2.5))
    }

    fn bump(c: &Counter, times: u32) -> i32 {
        for _ in 0..times {
            c.add(1);
        }
        c.get()
    }

    fn make_counter(start: i32) -> Counter {
        Counter::new(start)
    }

    fn largest(a: Counter, b: Counter) -> i32 {
        Counter::max(&a, &b)
    }

    fn keep(c: Counter) {
        KEPT.with(|k| k.borrow_mut().push(c))
    }

    fn release_kept() -> u32 {
        KEPT.with(|k| k.borrow_mut().drain(..).count() as u32)
    }
}

impl aliases::Guest for Component {
    fn origin() -> Point {
        MyPoint::make(0.0, 0.0)
    }

    fn norm(s: PointBorrow<'_>) -> f64 {
        let p = s.get::<MyPoint>();
        (p.x * p.x + p.y * p.y).sqrt()
    }
}

/// The exported `thing`: wraps one of the host's.
struct MyThing(imported_things::Thing);

impl exported_things::GuestThing for MyThing {
    fn new(name: String) -> Self {
        MyThing(imported_things::Thing::new(&format!("{name}!")))
    }

    fn name(&self) -> String {
        format!("guest({})", self.0.name())
    }

    fn merge(a: exported_things::Thing, b: exported_things::Thing) -> exported_things::Thing {
        let (a, b): (MyThing, MyThing) = (a.into_inner(), b.into_inner());
        exported_things::Thing::new(MyThing(imported_things::Thing::merge(a.0, b.0)))
    }
}

impl exported_things::Guest for Component {
    type Thing = MyThing;
}

export!(Component);
