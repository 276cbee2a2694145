/* A project's own macros over clang's thread-safety attributes, defined once (as Open
 * vSwitch's compiler.h does), empty for compilers without the attributes. */
#if __has_feature(c_thread_safety_attributes)
#define MY_ACQUIRES(...) __attribute__((exclusive_lock_function(__VA_ARGS__)))
#define MY_RELEASES(...) __attribute__((unlock_function(__VA_ARGS__)))
#define MY_TRY_LOCK(RET, ...) \
	__attribute__((exclusive_trylock_function(RET, __VA_ARGS__)))
#define MY_EXCLUDED(...) __attribute__((locks_excluded(__VA_ARGS__)))
#define MY_NO_ANALYSIS __attribute__((no_thread_safety_analysis))
#else
#define MY_ACQUIRES(...)
#define MY_RELEASES(...)
#define MY_TRY_LOCK(...)
#define MY_EXCLUDED(...)
#define MY_NO_ANALYSIS
#endif
