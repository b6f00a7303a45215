//! # Cooperatives
//!
//! The registry of decentralized cooperations (DCs).
//!
//! ## Overview
//!
//! Any signed account can create a DC with [`Pallet::create_dc`]: a name, its token's metadata,
//! the Proof-of-Value [`Parameters`] and the initial members with their reputation (the only
//! reputation not earned through the protocol). The creator pays a deposit through
//! [`Config::Consideration`], priced by the bytes the DC stores (its record and its members'
//! reputation entries) and held for as long as the DC exists, and becomes the DC's admin.
//!
//! Each DC gets:
//! - its **token**: the `Assets` asset whose id equals the DC's id, created by this pallet (not by
//!   any account) as a *sufficient* asset, so that a reward reaches an account that holds no
//!   native currency. Its owner and issuer is this pallet's keyless account, so that nobody —
//!   admin, agent or root — can mint it through the assets pallet;
//! - an **agent account**: keyless; the admin acts through it with [`Pallet::dispatch_as_agent`],
//!   which is how a DC contributes to, evaluates in, or holds tokens of another DC.
//!
//! This pallet is also the only place where DC tokens are minted and burned
//! ([`CooperativeTokens`], used by the Proof-of-Value pallet for rewards and by the reserve
//! pallet for sales and redemptions), and [`TokenBooks`] records each, so that a token's supply
//! always equals what the books say. Which rule a mint follows is the calling pallet's business.
//!
//! The admin can change the parameters (contributions keep the snapshot taken when they were
//! submitted) and hand the admin role to another account: a multisig, or the DC's own agent
//! account. A DC whose admin is its agent account governs itself: only its passed proposals
//! (the Proof-of-Value pallet's `propose`, §10) sign as the agent. Every origin made for an agent
//! carries [`Config::AgentCallFilter`], which keeps anybody from becoming the agent's delegate.
//!
//! DCs can also exist from block 0: the genesis config lists them ([`GenesisCooperative`]), each
//! validated as `create_dc` validates its arguments, with its admin or, by default, its own agent
//! account.
//!
//! ## Calls
//!
//! - [`Pallet::create_dc`] — signed; creates a DC.
//! - [`Pallet::set_parameters`] — the DC's admin; replaces its parameters.
//! - [`Pallet::transfer_admin`] — the DC's admin; hands the role over.
//! - [`Pallet::dispatch_as_agent`] — the DC's admin; dispatches a call signed by the agent.
//!
//! ## Errors
//!
//! See [`Error`]: unknown DC, wrong admin, and one error per invalid parameter or member list.
//!
//! ## Events
//!
//! [`Event::CooperativeCreated`], [`Event::ParametersSet`], [`Event::AdminTransferred`],
//! [`Event::AgentDispatched`].

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use covalue_primitives::{
	CooperativeId, CooperativeInspect, CooperativeTokens, Parameters, Reputation, Score,
	TokenBalance,
};
pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use types::{Cooperative, GenesisCooperative, TokenLedger};

use covalue_primitives::{Limits, ParameterError, ReputationLedger, MAX_REPUTATION};
use frame_support::{
	dispatch::DispatchResult,
	traits::{fungibles, Get},
	BoundedVec,
};
use sp_runtime::DispatchError;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::{boxed::Box, vec::Vec};
	use frame_support::traits::OriginTrait;
	use frame_support::{
		dispatch::{GetDispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::{fungibles, Consideration, Contains, Footprint},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{AccountIdConversion, Dispatchable, Zero};

	/// A DC as stored.
	pub type CooperativeOf<T> = Cooperative<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		BoundedVec<u8, <T as Config>::MaxNameLength>,
		<T as Config>::Consideration,
	>;
	/// Parameters with the runtime's block number.
	pub type ParametersOf<T> = Parameters<BlockNumberFor<T>>;

	/// The storage layout's version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Defaults for test runtimes: `#[derive_impl(config_preludes::TestDefaultConfig)]`.
	pub mod config_preludes {
		use super::*;
		use frame_support::{
			derive_impl, parameter_types,
			traits::{ConstU128, ConstU32, ConstU8},
		};

		/// Small bounds, no weights, the runtime's pallet id.
		pub struct TestDefaultConfig;

		parameter_types! {
			/// The runtime's pallet id.
			pub const TestPalletId: PalletId = PalletId(*b"cv/coops");
		}

		#[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
		impl frame_system::DefaultConfig for TestDefaultConfig {}

		#[frame_support::register_default_impl(TestDefaultConfig)]
		impl DefaultConfig for TestDefaultConfig {
			type PalletId = TestPalletId;
			type MaxNameLength = ConstU32<32>;
			type MaxTokenStringLength = ConstU32<16>;
			type MaxInitialMembers = ConstU32<32>;
			type MaxScore = ConstU8<20>;
			type MaxEvaluationPeriod = ConstU32<1_000>;
			type TokenMinBalance = ConstU128<1>;
			type WeightInfo = ();
		}
	}

	/// Configuration of the cooperatives pallet.
	#[pallet::config(with_default)]
	pub trait Config: frame_system::Config {
		/// The call a DC's admin dispatches as the DC's agent account.
		#[pallet::no_default]
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ GetDispatchInfo
			+ From<frame_system::Call<Self>>
			+ IsType<<Self as frame_system::Config>::RuntimeCall>;

		/// Calls a DC's agent account may never make, whoever dispatches them for it (§10):
		/// above all adding a proxy, which would let one account act as the agent alone and
		/// defeat self-government. Applied on top of the caller's filter.
		#[pallet::no_default]
		type AgentCallFilter: Contains<<Self as frame_system::Config>::RuntimeCall>;

		/// The deposit of a DC's creator, held while the DC exists and priced by the footprint
		/// of what the DC stores: its record and one reputation entry per initial member.
		#[pallet::no_default]
		type Consideration: Consideration<Self::AccountId, Footprint>;

		/// Where DC tokens live. Each DC's token is the asset with the DC's id.
		#[pallet::no_default]
		type Assets: fungibles::Create<Self::AccountId, AssetId = CooperativeId, Balance = TokenBalance>
			+ fungibles::Mutate<Self::AccountId>
			+ fungibles::metadata::Mutate<Self::AccountId>;

		/// Reputation books; they also keep each DC's epoch length.
		#[pallet::no_default]
		type Reputation: ReputationLedger<Self::AccountId, BlockNumber = BlockNumberFor<Self>>;

		/// Derives the pallet's keyless accounts: its own (owner of every DC token) and each DC's
		/// agent account.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Maximum length of a DC's name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// Maximum length of a token's name and of its symbol, in bytes.
		#[pallet::constant]
		type MaxTokenStringLength: Get<u32>;

		/// Maximum number of initial members.
		#[pallet::constant]
		type MaxInitialMembers: Get<u32>;

		/// Highest `max_score` a DC may choose (at least 10). The Proof-of-Value pallet bounds a
		/// contribution's score buckets by it, through [`CooperativeInspect::MaxScore`].
		#[pallet::constant]
		type MaxScore: Get<Score>;

		/// The longest evaluation period a DC may choose, in blocks (§1: a huge period would lock
		/// deposits and stakes for ever).
		#[pallet::constant]
		type MaxEvaluationPeriod: Get<u32>;

		/// Minimum balance of a DC token account, in token base units.
		#[pallet::constant]
		type TokenMinBalance: Get<TokenBalance>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds native currency.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a DC's creator.
		#[codec(index = 0)]
		CooperativeDeposit,
	}

	/// The DCs.
	// DC ids are assigned sequentially by this pallet: `Twox64Concat` is safe.
	#[pallet::storage]
	pub type Cooperatives<T: Config> =
		StorageMap<_, Twox64Concat, CooperativeId, CooperativeOf<T>, OptionQuery>;

	/// The id the next DC gets.
	#[pallet::storage]
	pub type NextCooperativeId<T: Config> = StorageValue<_, CooperativeId, ValueQuery>;

	/// The books of each DC's token: what was minted and burned.
	// DC ids are assigned sequentially by this pallet: `Twox64Concat` is safe.
	#[pallet::storage]
	pub type TokenBooks<T: Config> =
		StorageMap<_, Twox64Concat, CooperativeId, TokenLedger, ValueQuery>;

	/// Events of the cooperatives pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A DC was created.
		CooperativeCreated {
			/// Its id; also the asset id of its token.
			dc: CooperativeId,
			/// The creator, now its admin.
			admin: T::AccountId,
			/// Its keyless agent account.
			agent: T::AccountId,
		},
		/// A DC's parameters were replaced; open contributions keep their snapshot.
		ParametersSet {
			/// The DC.
			dc: CooperativeId,
			/// The new parameters.
			parameters: ParametersOf<T>,
		},
		/// A DC's admin role was handed over.
		AdminTransferred {
			/// The DC.
			dc: CooperativeId,
			/// The former admin.
			from: T::AccountId,
			/// The new admin.
			to: T::AccountId,
		},
		/// The admin dispatched a call as the DC's agent account.
		AgentDispatched {
			/// The DC.
			dc: CooperativeId,
			/// The call's own result.
			result: DispatchResult,
		},
	}

	/// Errors of the cooperatives pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// No DC has this id.
		UnknownCooperative,
		/// Only the DC's admin may do this.
		NotAdmin,
		/// A DC needs a name.
		EmptyName,
		/// A token needs a name and a symbol.
		EmptyTokenMetadata,
		/// A DC needs at least one initial member.
		NoMembers,
		/// An account is listed twice among the initial members.
		DuplicateMember,
		/// Every initial member needs reputation above zero.
		ZeroReputation,
		/// The initial members' reputation adds up to more than `MAX_REPUTATION`.
		ReputationOverflow,
		/// A DC's epoch length must be at least one block.
		InvalidEpochLength,
		/// Scores need `min_score ≤ max_score` and `1 ≤ max_score ≤ MaxScore`.
		InvalidScoreRange,
		/// The quorum must be between 50% and 100%.
		InvalidQuorum,
		/// The alignment radius can be at most `max_score − min_score`.
		InvalidAlignmentRadius,
		/// The evaluation period must be at least one block, at most the DC's epoch length and
		/// at most `MaxEvaluationPeriod`.
		InvalidEvaluationPeriod,
		/// The asset id this DC's token needs exists already.
		TokenIdTaken,
		/// No DC ids are left.
		NoMoreIds,
		/// The token's books would overflow `u128`.
		TokenBooksOverflow,
		/// The burn would leave the holder with fewer tokens than the minimum balance, but more
		/// than none.
		RemainderBelowMinimum,
	}

	/// DCs that exist from block 0, such as a network's founding DC.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Created in order: the first gets id 0. Each is validated as `create_dc` validates
		/// its arguments, and its depositor pays its deposit.
		pub cooperatives: Vec<GenesisCooperative<T::AccountId, BlockNumberFor<T>>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (i, spec) in self.cooperatives.iter().enumerate() {
				if let Err(e) = Pallet::<T>::create_at_genesis(spec) {
					panic!("genesis DC {i} (`{}`) can't be created: {e:?}", spec.name);
				}
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxScore::get() >= 10, "MaxScore must be at least 10");
			assert!(T::MaxNameLength::get() > 0, "MaxNameLength must be above zero");
			assert!(T::MaxTokenStringLength::get() > 0, "MaxTokenStringLength must be above zero");
			assert!(T::MaxInitialMembers::get() > 0, "MaxInitialMembers must be above zero");
			assert!(T::TokenMinBalance::get() > 0, "TokenMinBalance must be above zero");
			assert!(T::MaxEvaluationPeriod::get() > 0, "MaxEvaluationPeriod must be above zero");
			// The keyless accounts must not collide for any DC.
			let pallet: T::AccountId = T::PalletId::get().into_account_truncating();
			assert!(Self::agent_account(0) != pallet, "an agent account is the pallet's");
			assert!(Self::agent_account(u32::MAX) != Self::agent_account(u32::MAX - 1));
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Create a decentralized cooperation.
		///
		/// ## Dispatch Origin
		/// Signed: the creator, who pays the deposit ([`Config::Consideration`] of the DC's
		/// footprint) and becomes the admin.
		///
		/// ## Details
		/// Creates the DC's token (the asset with the DC's id, metadata `token_name`,
		/// `token_symbol`, `token_decimals`) and endows `members` with their initial reputation,
		/// vested. `epoch_length` (at least one block, never changed) sets when earned
		/// reputation vests: at the first block of the epoch after next (§1a); the evaluation
		/// period may not exceed it.
		///
		/// ## Errors
		/// [`Error::EmptyName`], [`Error::EmptyTokenMetadata`], [`Error::InvalidEpochLength`],
		/// the parameter errors,
		/// [`Error::NoMembers`], [`Error::DuplicateMember`], [`Error::ZeroReputation`],
		/// [`Error::ReputationOverflow`], [`Error::NoMoreIds`], [`Error::TokenIdTaken`], or the
		/// currency's error if the deposit can't be held.
		///
		/// ## Events
		/// The reputation pallet's `Endowed`, then [`Event::CooperativeCreated`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_dc(members.len() as u32))]
		// Everything a DC is made of, as the call's own arguments: clients see one flat call.
		#[allow(clippy::too_many_arguments)]
		pub fn create_dc(
			origin: OriginFor<T>,
			name: BoundedVec<u8, T::MaxNameLength>,
			token_name: BoundedVec<u8, T::MaxTokenStringLength>,
			token_symbol: BoundedVec<u8, T::MaxTokenStringLength>,
			token_decimals: u8,
			parameters: ParametersOf<T>,
			epoch_length: BlockNumberFor<T>,
			members: BoundedVec<(T::AccountId, Reputation), T::MaxInitialMembers>,
		) -> DispatchResult {
			let creator = ensure_signed(origin)?;
			Self::do_create_dc(
				creator,
				name,
				token_name,
				token_symbol,
				token_decimals,
				parameters,
				epoch_length,
				members,
			)?;
			Ok(())
		}

		/// Replace a DC's parameters. Open contributions keep the snapshot they were submitted
		/// with; only later contributions use the new parameters.
		///
		/// ## Dispatch Origin
		/// Signed by the DC's admin.
		///
		/// ## Errors
		/// [`Error::UnknownCooperative`], [`Error::NotAdmin`], the parameter errors.
		///
		/// ## Events
		/// [`Event::ParametersSet`].
		#[pallet::call_index(1)]
		pub fn set_parameters(
			origin: OriginFor<T>,
			dc: CooperativeId,
			parameters: ParametersOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut cooperative = Self::ensure_admin(dc, &who)?;
			let epoch_length =
				T::Reputation::epoch_length(dc).ok_or(Error::<T>::UnknownCooperative)?;
			Self::validate(&parameters, epoch_length)?;
			cooperative.parameters = parameters;
			Cooperatives::<T>::insert(dc, cooperative);
			Self::deposit_event(Event::ParametersSet { dc, parameters });
			Ok(())
		}

		/// Hand the admin role of a DC to another account: a person, a multisig, or the DC's own
		/// agent account (then only calls dispatched by the agent can change the DC).
		///
		/// ## Dispatch Origin
		/// Signed by the DC's admin.
		///
		/// ## Errors
		/// [`Error::UnknownCooperative`], [`Error::NotAdmin`].
		///
		/// ## Events
		/// [`Event::AdminTransferred`].
		#[pallet::call_index(2)]
		pub fn transfer_admin(
			origin: OriginFor<T>,
			dc: CooperativeId,
			new_admin: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut cooperative = Self::ensure_admin(dc, &who)?;
			cooperative.admin = new_admin.clone();
			Cooperatives::<T>::insert(dc, cooperative);
			Self::deposit_event(Event::AdminTransferred { dc, from: who, to: new_admin });
			Ok(())
		}

		/// Dispatch `call` signed by the DC's agent account: how a DC contributes to, evaluates
		/// in, or holds and moves tokens of another DC.
		///
		/// ## Dispatch Origin
		/// Signed by the DC's admin. The admin pays the transaction fee; the agent account pays
		/// whatever the call itself costs (deposits, transfers). The call keeps the caller's
		/// call filter (§7): a restricted proxy of the admin stays restricted as the agent.
		///
		/// ## Details
		/// The call's own failure does not fail this call: it is reported in
		/// [`Event::AgentDispatched`], like `Utility::dispatch_as`.
		///
		/// ## Errors
		/// [`Error::UnknownCooperative`], [`Error::NotAdmin`].
		///
		/// ## Events
		/// [`Event::AgentDispatched`], after the call's own events.
		#[pallet::call_index(3)]
		#[pallet::weight({
			let info = call.get_dispatch_info();
			(
				T::WeightInfo::dispatch_as_agent().saturating_add(info.call_weight),
				info.class,
			)
		})]
		pub fn dispatch_as_agent(
			origin: OriginFor<T>,
			dc: CooperativeId,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin.clone())?;
			let cooperative = Self::ensure_admin(dc, &who)?;
			// Only the caller changes: a filter on the admin's origin (a proxy type, say) applies
			// to the agent's call too, as `Utility::as_derivative` does.
			let mut agent_origin = origin;
			agent_origin.set_caller_from(frame_system::RawOrigin::Signed(cooperative.agent));
			agent_origin.add_filter(T::AgentCallFilter::contains);
			let result = call.dispatch(agent_origin);
			let call_weight = result.unwrap_or_else(|e| e.post_info).actual_weight;
			Self::deposit_event(Event::AgentDispatched {
				dc,
				result: result.map(|_| ()).map_err(|e| e.error),
			});
			Ok(call_weight.map(|w| w.saturating_add(T::WeightInfo::dispatch_as_agent())).into())
		}
	}

	/// Read-only queries for clients.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A DC with its reputation books: `(cooperative, total reputation, burned reputation)`.
		pub fn cooperative_summary(
			dc: CooperativeId,
		) -> Option<(CooperativeOf<T>, Reputation, Reputation)> {
			let cooperative = Cooperatives::<T>::get(dc)?;
			let ledger = T::Reputation::ledger(dc).unwrap_or_default();
			Some((cooperative, ledger.total, ledger.burned))
		}
	}

	impl<T: Config> Pallet<T> {
		/// Creates a DC with `creator` as its depositor and admin: what [`Pallet::create_dc`]
		/// and the genesis do. Every check comes before the first write.
		#[allow(clippy::too_many_arguments)]
		pub(crate) fn do_create_dc(
			creator: T::AccountId,
			name: BoundedVec<u8, T::MaxNameLength>,
			token_name: BoundedVec<u8, T::MaxTokenStringLength>,
			token_symbol: BoundedVec<u8, T::MaxTokenStringLength>,
			token_decimals: u8,
			parameters: ParametersOf<T>,
			epoch_length: BlockNumberFor<T>,
			members: BoundedVec<(T::AccountId, Reputation), T::MaxInitialMembers>,
		) -> Result<CooperativeId, DispatchError> {
			ensure!(!name.is_empty(), Error::<T>::EmptyName);
			ensure!(
				!token_name.is_empty() && !token_symbol.is_empty(),
				Error::<T>::EmptyTokenMetadata
			);
			ensure!(!epoch_length.is_zero(), Error::<T>::InvalidEpochLength);
			Self::validate(&parameters, epoch_length)?;
			Self::validate_members(&members)?;
			let dc = NextCooperativeId::<T>::get();
			let next = dc.checked_add(1).ok_or(Error::<T>::NoMoreIds)?;
			ensure!(
				!<T::Assets as fungibles::Inspect<T::AccountId>>::asset_exists(dc),
				Error::<T>::TokenIdTaken
			);

			let agent = Self::agent_account(dc);
			let deposit = T::Consideration::new(
				&creator,
				Self::footprint(&name, members.len(), &parameters),
			)?;
			let owner = Self::account_id();
			<T::Assets as fungibles::Create<T::AccountId>>::create(
				dc,
				owner.clone(),
				true,
				T::TokenMinBalance::get(),
			)?;
			<T::Assets as fungibles::metadata::Mutate<T::AccountId>>::set(
				dc,
				&owner,
				token_name.into_inner(),
				token_symbol.into_inner(),
				token_decimals,
			)?;
			T::Reputation::endow(dc, epoch_length, &members)?;

			Cooperatives::<T>::insert(
				dc,
				Cooperative {
					name,
					admin: creator.clone(),
					agent: agent.clone(),
					parameters,
					depositor: creator.clone(),
					deposit,
				},
			);
			NextCooperativeId::<T>::put(next);
			Self::deposit_event(Event::CooperativeCreated { dc, admin: creator, agent });
			Ok(dc)
		}

		/// Creates a DC of the genesis config; its admin is its agent account unless one is
		/// named. Public so that a tool can dry-run a genesis and report an invalid DC as an
		/// error rather than as the genesis build's panic.
		pub fn create_at_genesis(
			spec: &GenesisCooperative<T::AccountId, BlockNumberFor<T>>,
		) -> Result<CooperativeId, DispatchError> {
			fn bounded<S: Get<u32>>(text: &str) -> Result<BoundedVec<u8, S>, DispatchError> {
				text.as_bytes()
					.to_vec()
					.try_into()
					.map_err(|_| "name or symbol too long".into())
			}
			let dc = Self::do_create_dc(
				spec.depositor.clone(),
				bounded(&spec.name)?,
				bounded(&spec.token_name)?,
				bounded(&spec.token_symbol)?,
				spec.token_decimals,
				spec.parameters,
				spec.epoch_length,
				spec.members.clone().try_into().map_err(|_| "more than MaxInitialMembers")?,
			)?;
			let admin = spec.admin.clone().unwrap_or_else(|| Self::agent_account(dc));
			Cooperatives::<T>::mutate_extant(dc, |c| c.admin = admin);
			Ok(dc)
		}

		/// The pallet's own keyless account: owner and issuer of every DC token.
		pub fn account_id() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}

		/// The keyless agent account of `dc`.
		pub fn agent_account(dc: CooperativeId) -> T::AccountId {
			T::PalletId::get().into_sub_account_truncating((b"agent", dc))
		}

		/// What a DC stores, as its deposit prices it: one record of the DC (its encoded size with
		/// this name), its reputation books and epoch length, and one reputation entry per
		/// initial member.
		pub fn footprint(
			name: &BoundedVec<u8, T::MaxNameLength>,
			members: usize,
			parameters: &ParametersOf<T>,
		) -> Footprint {
			let account = T::AccountId::max_encoded_len();
			// Name, admin, agent, parameters and depositor, plus the deposit ticket; and the
			// reputation books and epoch length the reputation pallet keeps for the DC.
			let record = name
				.encoded_size()
				.saturating_add(account.saturating_mul(3))
				.saturating_add(parameters.encoded_size())
				.saturating_add(T::Consideration::max_encoded_len())
				.saturating_add(covalue_primitives::Ledger::max_encoded_len())
				.saturating_add(BlockNumberFor::<T>::max_encoded_len());
			// Each member's standing: vested, escrowed and two pending amounts.
			let standing = covalue_primitives::Standing::<BlockNumberFor<T>>::max_encoded_len();
			let entries = members.saturating_mul(account.saturating_add(standing));
			Footprint::from_parts(1, record.saturating_add(entries))
		}

		/// Checks parameters against §1's valid ranges, for a DC of `epoch_length`.
		pub fn validate(p: &ParametersOf<T>, epoch_length: BlockNumberFor<T>) -> DispatchResult {
			let limits = Limits {
				max_score: T::MaxScore::get(),
				max_evaluation_period: T::MaxEvaluationPeriod::get().into(),
				epoch_length,
			};
			p.validate(&limits).map_err(|e| {
				match e {
					ParameterError::InvalidScoreRange => Error::<T>::InvalidScoreRange,
					ParameterError::InvalidQuorum => Error::<T>::InvalidQuorum,
					ParameterError::InvalidAlignmentRadius => Error::<T>::InvalidAlignmentRadius,
					ParameterError::InvalidEvaluationPeriod => Error::<T>::InvalidEvaluationPeriod,
				}
				.into()
			})
		}

		fn validate_members(members: &[(T::AccountId, Reputation)]) -> DispatchResult {
			ensure!(!members.is_empty(), Error::<T>::NoMembers);
			let mut total: Reputation = 0;
			for (i, (who, amount)) in members.iter().enumerate() {
				ensure!(*amount > 0, Error::<T>::ZeroReputation);
				// Quadratic in the number of members, which is bounded by `MaxInitialMembers`.
				ensure!(
					!members[..i].iter().any(|(other, _)| other == who),
					Error::<T>::DuplicateMember
				);
				total = total
					.checked_add(*amount)
					.filter(|total| *total <= MAX_REPUTATION)
					.ok_or(Error::<T>::ReputationOverflow)?;
			}
			Ok(())
		}

		fn ensure_admin(
			dc: CooperativeId,
			who: &T::AccountId,
		) -> Result<CooperativeOf<T>, DispatchError> {
			let cooperative = Cooperatives::<T>::get(dc).ok_or(Error::<T>::UnknownCooperative)?;
			ensure!(&cooperative.admin == who, Error::<T>::NotAdmin);
			Ok(cooperative)
		}

		/// Checks that every DC has reputation books and a token whose supply matches its books
		/// (§5: supply = Σ minted − Σ burned), and ids are below the next id.
		#[cfg(any(feature = "std", feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let next = NextCooperativeId::<T>::get();
			for (dc, cooperative) in Cooperatives::<T>::iter() {
				ensure!(dc < next, "DC id at or above the next id");
				ensure!(T::Reputation::ledger(dc).is_some(), "DC without reputation books");
				ensure!(
					<T::Assets as fungibles::Inspect<T::AccountId>>::asset_exists(dc),
					"DC without token"
				);
				ensure!(cooperative.agent == Self::agent_account(dc), "wrong agent account");
				let books = TokenBooks::<T>::get(dc);
				ensure!(
					books.supply()
						== Some(<T::Assets as fungibles::Inspect<T::AccountId>>::total_issuance(
							dc
						)),
					"token supply != minted - burned"
				);
			}
			ensure!(
				TokenBooks::<T>::iter_keys().all(|dc| dc < next),
				"token books of a DC that does not exist"
			);
			Ok(())
		}
	}
}

impl<T: Config> CooperativeInspect<T::AccountId> for Pallet<T> {
	type BlockNumber = frame_system::pallet_prelude::BlockNumberFor<T>;
	type MaxScore = T::MaxScore;

	fn parameters(dc: CooperativeId) -> Option<ParametersOf<T>> {
		Cooperatives::<T>::get(dc).map(|c| c.parameters)
	}

	fn admin(dc: CooperativeId) -> Option<T::AccountId> {
		Cooperatives::<T>::get(dc).map(|c| c.admin)
	}

	fn agent(dc: CooperativeId) -> Option<T::AccountId> {
		Cooperatives::<T>::get(dc).map(|c| c.agent)
	}

	// One read of the record rather than the trait's two.
	fn is_self_governed(dc: CooperativeId) -> bool {
		Cooperatives::<T>::get(dc).is_some_and(|c| c.admin == c.agent)
	}

	fn exists(dc: CooperativeId) -> bool {
		Cooperatives::<T>::contains_key(dc)
	}
}

impl<T: Config> CooperativeTokens<T::AccountId> for Pallet<T> {
	fn supply(dc: CooperativeId) -> TokenBalance {
		<T::Assets as fungibles::Inspect<T::AccountId>>::total_issuance(dc)
	}

	fn balance(dc: CooperativeId, who: &T::AccountId) -> TokenBalance {
		<T::Assets as fungibles::Inspect<T::AccountId>>::balance(dc, who)
	}

	fn minimum_balance(dc: CooperativeId) -> TokenBalance {
		<T::Assets as fungibles::Inspect<T::AccountId>>::minimum_balance(dc)
	}

	fn can_mint(dc: CooperativeId, who: &T::AccountId, amount: TokenBalance) -> DispatchResult {
		Self::books_after_mint(dc, amount)?;
		<T::Assets as fungibles::Inspect<T::AccountId>>::can_deposit(
			dc,
			who,
			amount,
			frame_support::traits::tokens::Provenance::Minted,
		)
		.into_result()?;
		Ok(())
	}

	fn mint(dc: CooperativeId, who: &T::AccountId, amount: TokenBalance) -> DispatchResult {
		let books = Self::books_after_mint(dc, amount)?;
		<T::Assets as fungibles::Mutate<T::AccountId>>::mint_into(dc, who, amount)?;
		TokenBooks::<T>::insert(dc, books);
		Ok(())
	}

	fn burn(dc: CooperativeId, who: &T::AccountId, amount: TokenBalance) -> DispatchResult {
		use frame_support::traits::tokens::{Fortitude, Precision, Preservation};
		let mut books = TokenBooks::<T>::get(dc);
		books.burned = books.burned.checked_add(amount).ok_or(Error::<T>::TokenBooksOverflow)?;
		// The assets pallet would burn such dust along with `amount`: refuse instead, so that a
		// redemption burns exactly what it is paid for.
		let held = Self::balance(dc, who);
		if let Some(rest) = held.checked_sub(amount) {
			frame_support::ensure!(
				rest == 0 || rest >= Self::minimum_balance(dc),
				Error::<T>::RemainderBelowMinimum
			);
		}
		<T::Assets as fungibles::Mutate<T::AccountId>>::burn_from(
			dc,
			who,
			amount,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		TokenBooks::<T>::insert(dc, books);
		Ok(())
	}
}

impl<T: Config> Pallet<T> {
	/// The token books of `dc` after minting `amount`, or the overflow error.
	fn books_after_mint(
		dc: CooperativeId,
		amount: TokenBalance,
	) -> Result<TokenLedger, DispatchError> {
		let mut books = TokenBooks::<T>::get(dc);
		books.minted = books.minted.checked_add(amount).ok_or(Error::<T>::TokenBooksOverflow)?;
		Ok(books)
	}
}
