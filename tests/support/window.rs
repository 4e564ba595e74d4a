//! Waiting on the window in UI tests: the work it hands to threads (opening, counting,
//! exporting) ends in its own time, so a test steps frames until what it waits for holds.

use biaozhu::app::BiaozhuApp;
use egui_kittest::Harness;

/// Step the window a frame at a time, 10 ms apart, until `done` holds, at most `frames`
/// frames; whether it held.
pub fn step_until(
    h: &mut Harness<'_, BiaozhuApp>,
    frames: usize,
    done: impl Fn(&BiaozhuApp) -> bool,
) -> bool {
    for _ in 0..frames {
        h.run_steps(1);
        if done(h.state()) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    false
}

/// Open the statistics from the menu (`menu`, then `item`: 视图, 统计…) and wait until
/// they are counted.
pub fn open_statistics(h: &mut Harness<'_, BiaozhuApp>, menu: &str, item: &str) {
    use egui_kittest::kittest::Queryable as _;
    h.get_by_label(menu).click();
    h.run_steps(2);
    h.get_by_label(item).click();
    assert!(
        step_until(h, 300, |app| app.stats().is_some()),
        "the statistics were counted"
    );
}

/// Hold the pointer over char `c` of the text until a tooltip reading `shows` is up (a
/// tooltip waits half a second of still pointer; a step is a sixtieth).
#[allow(dead_code)] // Not every test binary that includes this file hovers.
pub fn hover_char(h: &mut Harness<'_, BiaozhuApp>, c: u32, shows: &str) {
    use egui_kittest::kittest::Queryable as _;
    let at = h.state().text_view().char_rect(c).expect("drawn").center();
    h.event(egui::Event::PointerMoved(at));
    for _ in 0..90 {
        h.run_steps(1);
        if h.query_by_label_contains(shows).is_some() {
            return;
        }
    }
    panic!("no tooltip reads {shows:?} over char {c}");
}
