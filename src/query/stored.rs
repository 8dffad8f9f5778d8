//! A record read from the doc store as it is: its field values moved out one by one, without
//! the generic document tantivy builds first and the copy of every string taken from that.
//! Finding the documents a symbol names reads a few such records, each with its JSON.

use tantivy::schema::Field;
use tantivy::schema::document::{
    DeserializeError, DocumentDeserialize, DocumentDeserializer, ValueDeserialize,
    ValueDeserializer, ValueVisitor,
};

/// The values our schema stores that are read this way: text (no JSON, no arrays).
enum Val {
    Str(String),
    Other,
}

struct Visit;

impl ValueVisitor for Visit {
    type Value = Val;
    fn visit_string(&self, v: String) -> Result<Val, DeserializeError> {
        Ok(Val::Str(v))
    }
    fn visit_u64(&self, _: u64) -> Result<Val, DeserializeError> {
        Ok(Val::Other)
    }
    fn visit_null(&self) -> Result<Val, DeserializeError> {
        Ok(Val::Other)
    }
    fn visit_i64(&self, _: i64) -> Result<Val, DeserializeError> {
        Ok(Val::Other)
    }
    fn visit_f64(&self, _: f64) -> Result<Val, DeserializeError> {
        Ok(Val::Other)
    }
    fn visit_bool(&self, _: bool) -> Result<Val, DeserializeError> {
        Ok(Val::Other)
    }
}

impl ValueDeserialize for Val {
    fn deserialize<'de, D: ValueDeserializer<'de>>(d: D) -> Result<Self, DeserializeError> {
        d.deserialize_any(Visit)
    }
}

/// The stored values of one record, in the order they were written.
pub(crate) struct Stored(Vec<(Field, Val)>);

impl DocumentDeserialize for Stored {
    fn deserialize<'de, D: DocumentDeserializer<'de>>(mut d: D) -> Result<Self, DeserializeError> {
        let mut v = Vec::with_capacity(d.size_hint());
        while let Some(fv) = d.next_field::<Val>()? {
            v.push(fv);
        }
        Ok(Stored(v))
    }
}

impl Stored {
    /// The first text of `f`, moved out (a second call gives the next one).
    pub fn take(&mut self, f: Field) -> Option<String> {
        self.0.iter_mut().find_map(|(g, v)| match v {
            Val::Str(s) if *g == f => {
                let s = std::mem::take(s);
                *v = Val::Other;
                Some(s)
            }
            _ => None,
        })
    }
}
