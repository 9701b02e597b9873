//! The real terminal: raw mode and the alternate screen, the event loop,
//! and putting the terminal back the way it was on every way out.
//!
//! Ways out, and what restores the terminal on each:
//! - `q`, Esc, the end of the exercise: the loop ends, [`Guard`] drops.
//! - Ctrl-C / Ctrl-D: raw mode turns them into keys, handled as `q`.
//! - SIGTERM, SIGHUP, SIGINT from outside: a flag the loop reads within a
//!   frame, then the same way out (so the session is still recorded).
//! - A panic: the panic hook restores the terminal before the message is
//!   printed; the guard's drop runs again while unwinding (harmless).
//! - The terminal going away (a draw or read fails): the loop ends as if
//!   `q` was pressed.

use std::io::{self, Stdout};
use std::panic::{self, PanicHookInfo};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::crossterm::{cursor, execute, terminal};
use thaw_core::Clock;
use thaw_core::Rating;
use thaw_core::grounding::Script;

use crate::Outcome;
use crate::app::{App, Key, handle_key};
use crate::view::render_app;

/// About fifteen frames a second: smooth enough for a slow breath.
const FRAME: Duration = Duration::from_millis(66);

type Hook = dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static;

/// Runs `script` full-screen until it ends or the person quits, then puts
/// the terminal back. Asks numbness first unless `before` is given, and
/// after a completed exercise when `ask_after`.
///
/// An error here means the terminal could not be set up (nothing was
/// shown, nothing happened, the terminal is as it was); once the exercise
/// is on screen, a failing terminal ends it like `q` does and the outcome
/// so far is returned.
pub fn run_tui(
    script: Script,
    before: Option<Rating>,
    ask_after: bool,
    clock: &dyn Clock,
) -> io::Result<Outcome> {
    let guard = Guard::enter()?;
    let stop = Arc::new(AtomicBool::new(false));
    let signals = Signals::catch(&stop);
    let mut app = App::new(script, before, ask_after, clock.now());
    match Terminal::new(CrosstermBackend::new(io::stdout())) {
        Ok(mut terminal) => event_loop(&mut terminal, &mut app, clock, &stop),
        Err(_) => app.quit(clock.now()),
    }
    drop(guard);
    drop(signals);
    Ok(app.outcome(clock.now()))
}

/// SIGTERM, SIGHUP and SIGINT set a flag while the exercise is on
/// screen; afterwards they do what they did before (end the process).
struct Signals(Vec<(i32, signal_hook::SigId)>);

const CAUGHT: [i32; 3] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
];

impl Signals {
    fn catch(stop: &Arc<AtomicBool>) -> Self {
        Self(
            CAUGHT
                .into_iter()
                .filter_map(|sig| {
                    let id = signal_hook::flag::register(sig, Arc::clone(stop)).ok()?;
                    Some((sig, id))
                })
                .collect(),
        )
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        let always = Arc::new(AtomicBool::new(true));
        for (sig, id) in self.0.drain(..) {
            signal_hook::low_level::unregister(id);
            // Unregistering leaves a handler that does nothing; this one
            // ends the process the way the signal would have.
            let _ = signal_hook::flag::register_conditional_default(sig, Arc::clone(&always));
        }
    }
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    clock: &dyn Clock,
    stop: &AtomicBool,
) {
    loop {
        let now = clock.now();
        app.tick(now);
        if stop.load(Ordering::Relaxed) {
            app.quit(now);
        }
        if app.is_closed() {
            return;
        }
        if terminal.draw(|f| render_app(f, app, now)).is_err() {
            app.quit(now);
            return;
        }
        match event::poll(FRAME) {
            Ok(false) => {}
            Ok(true) => match event::read() {
                Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => {
                    handle_key(app, key_of(k), clock.now());
                }
                Ok(_) => {}
                Err(_) => app.quit(clock.now()),
            },
            Err(_) => app.quit(clock.now()),
        }
    }
}

/// A terminal key, as the exercise understands it.
pub fn key_of(k: KeyEvent) -> Key {
    let control = k.modifiers.contains(KeyModifiers::CONTROL);
    match k.code {
        KeyCode::Char('c' | 'd') if control => Key::Interrupt,
        KeyCode::Char(_) if control || k.modifiers.contains(KeyModifiers::ALT) => Key::Other,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Tab => Key::Tab,
        KeyCode::Esc => Key::Esc,
        _ => Key::Other,
    }
}

/// The terminal in raw mode on the alternate screen, with the cursor
/// hidden, for as long as this lives; and a panic hook that restores it.
struct Guard {
    previous_hook: Arc<Hook>,
}

impl Guard {
    fn enter() -> io::Result<Self> {
        let previous_hook: Arc<Hook> = Arc::from(panic::take_hook());
        let chained = Arc::clone(&previous_hook);
        panic::set_hook(Box::new(move |info| {
            restore();
            chained(info);
        }));
        // From here on, dropping the guard undoes whatever was done.
        let guard = Self { previous_hook };
        terminal::enable_raw_mode()?;
        execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)?;
        Ok(guard)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
        // The hook cannot be changed while a panic unwinds; it restores
        // the terminal again, which is harmless.
        if !std::thread::panicking() {
            let previous = Arc::clone(&self.previous_hook);
            panic::set_hook(Box::new(move |info| previous(info)));
        }
    }
}

/// Back to the normal screen, cooked mode, a visible cursor. Each part is
/// tried even when another fails: there is nobody to tell.
fn restore() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(io::stdout(), terminal::LeaveAlternateScreen, cursor::Show);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_c_is_a_key_that_quits_and_plain_letters_are_letters() {
        let press = |code, modifiers| key_of(KeyEvent::new(code, modifiers));
        assert_eq!(
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Key::Interrupt
        );
        assert_eq!(
            press(KeyCode::Char('d'), KeyModifiers::CONTROL),
            Key::Interrupt
        );
        assert_eq!(
            press(KeyCode::Char('c'), KeyModifiers::NONE),
            Key::Char('c')
        );
        assert_eq!(
            press(KeyCode::Char('Q'), KeyModifiers::SHIFT),
            Key::Char('Q')
        );
        assert_eq!(press(KeyCode::Char('x'), KeyModifiers::ALT), Key::Other);
        assert_eq!(press(KeyCode::Enter, KeyModifiers::NONE), Key::Enter);
        assert_eq!(press(KeyCode::Esc, KeyModifiers::NONE), Key::Esc);
    }
}
