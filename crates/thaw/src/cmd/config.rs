//! `thaw config get|set`.

use serde_json::json;
use thaw_core::settings::KEYS;

use crate::cli::ConfigAction;
use crate::{Ctx, Failure, words};

pub fn run(ctx: &Ctx, action: ConfigAction) -> Result<(), Failure> {
    let mut settings = ctx.data.load_settings()?;
    match action {
        ConfigAction::Get { key: Some(key) } => {
            let value = settings.get(&key)?.map(str::to_owned);
            let effective = effective(&settings, &key, value.as_deref());
            if ctx.out.json {
                ctx.out
                    .json(&json!({ "key": key, "value": value, "effective": effective }))?;
            } else {
                ctx.out
                    .line(describe(&key, value.as_deref(), effective.as_deref()))?;
            }
        }
        ConfigAction::Get { key: None } => {
            if ctx.out.json {
                let mut map = serde_json::Map::new();
                for k in KEYS {
                    map.insert(k.name.into(), json!(settings.get(k.name)?));
                }
                ctx.out.json(&serde_json::Value::Object(map))?;
            } else {
                for k in KEYS {
                    let value = settings.get(k.name)?;
                    ctx.out.line(describe(
                        k.name,
                        value,
                        effective(&settings, k.name, value).as_deref(),
                    ))?;
                    ctx.out.line(format!("  {}", ctx.out.quiet(k.about)))?;
                }
                ctx.out.line(
                    ctx.out
                        .quiet(&words::settings_file(&ctx.data.config_path())),
                )?;
            }
        }
        ConfigAction::Set { key, value } => {
            settings.set(&key, &value)?;
            ctx.data.save_settings(&settings)?;
            let now = settings.get(&key)?.map(str::to_owned);
            if ctx.out.json {
                ctx.out.json(&json!({ "key": key, "value": now }))?;
            } else {
                let effective = effective(&settings, &key, now.as_deref());
                ctx.out.line(words::config_saved(&describe(
                    &key,
                    now.as_deref(),
                    effective.as_deref(),
                )))?;
            }
        }
    }
    Ok(())
}

/// What applies when a key is unset (the system's time zone).
fn effective(settings: &thaw_core::Settings, key: &str, value: Option<&str>) -> Option<String> {
    match (key, value) {
        ("timezone", _) => settings.time_zone().iana_name().map(str::to_owned),
        (_, v) => v.map(str::to_owned),
    }
}

fn describe(key: &str, value: Option<&str>, effective: Option<&str>) -> String {
    match (value, effective) {
        (Some(v), _) => format!("{key} = {v}"),
        (None, Some(e)) => format!("{key}: {} (using {e})", words::CONFIG_UNSET),
        (None, None) => format!("{key}: {}", words::CONFIG_UNSET),
    }
}
