//! Residents: the young people registered at a centre.
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// Study/work status; `Neither` is what the city reports as NEET.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(10))"))]
pub enum Occupation {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "studying"))]
    Studying,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "working"))]
    Working,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "both"))]
    Both,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "neither"))]
    Neither,
}

/// Category of a partner benefit on the residents' discount card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(10))"))]
pub enum BenefitCategory {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "transport"))]
    Transport,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "catering"))]
    Catering,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "sport"))]
    Sport,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "culture"))]
    Culture,
}
