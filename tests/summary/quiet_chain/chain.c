/* Each level only passes the call on. */
void obj_lock_1(struct obj *o) { obj_lock(o); }
void obj_lock_2(struct obj *o) { obj_lock_1(o); }
void obj_lock_3(struct obj *o) { obj_lock_2(o); }
void obj_lock_4(struct obj *o) { obj_lock_3(o); }

void obj_unlock_1(struct obj *o) { obj_unlock(o); }
void obj_unlock_2(struct obj *o) { obj_unlock_1(o); }
void obj_unlock_3(struct obj *o) { obj_unlock_2(o); }
void obj_unlock_4(struct obj *o) { obj_unlock_3(o); }
