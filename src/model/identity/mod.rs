//! The identity stage: which city each row means, and where it is.
//!
//! **Enters**: typed rows with their city names, countries and coordinates. **Leaves**: the
//! cities (one per place) with their spellings merged, coordinates placed and checked, and the
//! map from rows to cities: name keys in [`name_key`], the registry of cities in [`registry`],
//! the stage itself in [`row_cities`], one city per GeoNames place in [`places`], geocoding
//! from the bundled [`gazetteer`] in [`geocode`] (its result types in [`placement`]), and
//! coordinates checked against the country in [`coords_check`].

pub mod coords_check;
pub mod gazetteer;
pub mod geocode;
pub mod name_key;
pub mod placement;
pub mod places;
pub mod registry;
pub mod row_cities;
