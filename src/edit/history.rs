//! Undo/redo by inverse edits, without limit within a session.

use super::{Edit, EditError, apply};
use crate::model::Project;

/// Undo and redo stacks of inverse edits.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

impl History {
    /// Empty history.
    pub fn new() -> Self {
        Self::default()
    }

    /// Apply an edit as a new undo step; clears redo.
    pub fn apply(&mut self, p: &mut Project, edit: Edit) -> Result<(), EditError> {
        let inverse = apply(p, edit)?;
        self.undo.push(inverse);
        self.redo.clear();
        Ok(())
    }

    /// Undo the last step; false when there is nothing to undo.
    pub fn undo(&mut self, p: &mut Project) -> Result<bool, EditError> {
        let Some(inv) = self.undo.pop() else {
            return Ok(false);
        };
        match apply(p, inv.clone()) {
            Ok(redo) => {
                self.redo.push(redo);
                Ok(true)
            }
            Err(e) => {
                self.undo.push(inv);
                Err(e)
            }
        }
    }

    /// Redo the last undone step; false when there is nothing to redo.
    pub fn redo(&mut self, p: &mut Project) -> Result<bool, EditError> {
        let Some(e) = self.redo.pop() else {
            return Ok(false);
        };
        match apply(p, e.clone()) {
            Ok(inv) => {
                self.undo.push(inv);
                Ok(true)
            }
            Err(err) => {
                self.redo.push(e);
                Err(err)
            }
        }
    }

    /// The step redo would apply next (what the last undo took back).
    pub fn last_redo(&self) -> Option<&Edit> {
        self.redo.last()
    }

    /// The edit that undo would apply next.
    pub fn last_undo(&self) -> Option<&Edit> {
        self.undo.last()
    }

    /// Whether undo is possible.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether redo is possible.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forget everything (after opening another project).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
