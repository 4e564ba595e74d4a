//! GUI
