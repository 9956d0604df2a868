def load(filepath: str,
         fix_imports: bool = True,
         encoding: str = "ASCII",
         errors: str = "strict",
         validate: Union[bool, list] = True,
         verbose: str = 'info',
         ):
    """
    Load a pickle file from disk, with optional security restrictions.
    pickle files are directly loaded if all modules are in the allowlist. If the pickle file contains unknown modules, the modules needs to be validated using the validate parameter.
    pickle files that contain risky modules, i.e., those that can automatically make changes on the system or start (unwanted) applications are not allowed unless specifically specified using the validate parameter.

    | Module Type        | Allowed? | How to Change Behavior                         |
    | ------------------ | -------- | ---------------------------------------------- |
    | Unknown            | V        | Allowed unless in risky list                   |
    | Risky (`os`, etc.) | X        | Must be explicitly added via `validate=['nt']` |
    | Custom safe        | V        | If included in `validate` param                |

    Parameters
    ----------
    filepath : str
        Path to the pickle file.
    fix_imports : bool
        Compatibility for loading Python 2 pickles in Python 3.
    encoding : str
        Encoding for legacy Python 2 pickles.
    errors : str
        Error handling for decoding.
    validate : bool or list, default=True
        - True: Validate with default safe module list.
        - False: Disable all validation (use at own risk).
        - list: ['nt', 'sklearn', 'pandas'] : modules that are allowed based on name prefixes.
    verbose : str
        Verbosity level (not used here, placeholder).

    Returns
    -------
    object or None
        The loaded Python object or None if loading fails.

    Examples
    --------
    >>> # Example 1
    >>> import pypickle
    >>> filepath = 'mydata.pkl'
    >>> data = [1, 2, 3]
    >>> status = pypickle.save(filepath, data, overwrite=True)
    >>> # Load with validation (default)
    >>> data = pypickle.load(filepath)
    >>> data = pypickle.load(filepath, validate=False)
    >>> #
    >>> # Example 2
    >>> # Load without validation (not recommended)
    >>> data = pypickle.load(filepath, validate=False)
    >>> #
    >>> # Example 3
    >>> # Load without validation: exploit that start calculator
    >>> data = pypickle.load(r'malicious.pkl')
    >>> data = pypickle.load(r'malicious.pkl', validate=False)
    >>> mods = pypickle.validate_modules(r'malicious.pkl')
    >>> data = pypickle.load(r'malicious.pkl', validate=mods)
    >>> #
    >>> # Example 4
    >>> # Sklearn example
    >>> from sklearn.linear_model import LogisticRegression
    >>> model=LogisticRegression()
    >>> status = pypickle.save('model.pkl', model, overwrite=True)
    >>> pypickle.load('model.pkl', validate=False)
    >>> pypickle.load('model.pkl', validate=True)
    >>> #
    >>> # Example 5
    >>> modules_safe = pypickle.validate_modules('model.pkl')
    >>> pypickle.load('model.pkl', validate=modules_safe)
    >>> pypickle.load('model.pkl', validate='sklearn')

    """
    # Set the logger
    set_logger(verbose)
    # Check validate
    if isinstance(validate, str): validate = [validate]
    # User custom allow list (empty but maybe for future usage)
    allowlist = []

    # Check file
    if not os.path.isfile(filepath):
        logger.info(f'Pickle file does not exist: {filepath}')
        return None

    # Loading
    logger.info(f"Loading Pickle file: {filepath}")
    if isinstance(validate, list) or validate is True:
        # Add custom modules to the defaults
        user_modules = validate + allowlist if isinstance(validate, list) else None
        # Validate and then load
        return load_and_validate(filepath, fix_imports, encoding, errors, user_modules)
    else:
        # Load without validation
        return load_pickle(filepath, fix_imports, encoding, errors)
