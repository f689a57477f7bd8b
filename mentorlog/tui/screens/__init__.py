"""One module per screen; modals are ModalScreen[T]."""
