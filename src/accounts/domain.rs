//! Accounts: roles and the rules about them.
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// What a signed-in user may do. Staff and stakeholders belong to one centre; admins are city-wide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(12))"))]
pub enum Role {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "resident"))]
    Resident,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "staff"))]
    Staff,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "stakeholder"))]
    Stakeholder,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "admin"))]
    Admin,
}

impl Role {
    /// Staff and stakeholders work at one centre; the others do not.
    pub fn belongs_to_centre(self) -> bool {
        matches!(self, Role::Staff | Role::Stakeholder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_staff_and_stakeholders_belong_to_a_centre() {
        assert!(Role::Staff.belongs_to_centre());
        assert!(Role::Stakeholder.belongs_to_centre());
        assert!(!Role::Resident.belongs_to_centre());
        assert!(!Role::Admin.belongs_to_centre());
    }
}
